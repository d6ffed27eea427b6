// The organiser's app: the browser front-end in web/ (Preact + htm, TypeScript served as JavaScript with
// its types stripped, no build step), served at /app. It talks to /api/v1 only, like any other client.
export { registerAppShellRoutes } from './app-shell.routes.ts';
