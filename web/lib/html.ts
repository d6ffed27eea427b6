// htm bound to Preact: markup in tagged templates, no JSX compile step.
export { html } from 'htm/preact';
