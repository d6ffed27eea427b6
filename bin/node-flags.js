// The V8 flags `outcry` runs with; bin/outcry.js's first line and `npm start` spell them out too (a shebang
// and an npm script cannot import). --max-semi-space-size=16: on a machine with much memory V8 lets the
// young generation grow to 64 MB per semi-space, about 130 MB of resident memory that a sender or a page
// under a burst does not need. The benchmarks start Outcry with these, so they measure what runs.
export const NODE_FLAGS = ['--max-semi-space-size=16'];
