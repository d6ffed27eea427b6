// Runs in a child process (see mjml-render.ts): MJML source in on IPC, HTML out.
import mjml2html from 'mjml';

process.on('message', async (source: string) => {
  try {
    // fonts: {} keeps MJML from linking Google Fonts
    const result = await mjml2html(source, { fonts: {}, validationLevel: 'soft', keepComments: false });
    process.send!({ html: result.html });
  } catch (err) {
    process.send!({ error: err instanceof Error ? err.message : String(err) });
  }
});
