// The V8 flags `outcry` runs with; bin/outcry.js's first line and `npm start` spell them out too (a shebang
// and an npm script cannot import). The benchmarks start Outcry with these, so they measure what runs.
// --max-semi-space-size=32: V8 sizes the young generation by the machine's memory, up to 64 MB per
// semi-space on a large host. 16 saved a sender about 45 MB more, but under a storm's burst each young
// collection then came before most of the requests in flight had been answered, so their objects were
// copied and promoted: 45-56 µs of processor time per request against 37-38 with 32 (bench:burst).
export const NODE_FLAGS = ['--max-semi-space-size=32'];
