// Which of the languages some content exists in serves a person's language tag: the same tag, else the
// same language in the same script (tr-TR → tr, zh-CN → zh-Hans, but zh-TW is not zh-Hans).

const maximized = new Map<string, { language: string; script: string | undefined } | null>();

function likely(tag: string) {
  let full = maximized.get(tag);
  if (full === undefined) {
    try {
      const locale = new Intl.Locale(tag.trim().replace(/_/g, '-')).maximize();
      full = { language: locale.language, script: locale.script };
    } catch {
      full = null;
    }
    if (maximized.size < 1000) maximized.set(tag, full);
  }
  return full;
}

/** The one of `available` that serves `wanted`, or undefined. */
export function matchLanguage(available: readonly string[], wanted: string | null | undefined): string | undefined {
  if (!wanted || wanted.length > 35) return undefined;
  const exact = available.find((a) => a.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const want = likely(wanted);
  if (!want) return undefined;
  return available.find((a) => {
    const have = likely(a);
    return have !== null && have.language === want.language && have.script === want.script;
  });
}
