// The V8 flags `outcry` runs with; bin/outcry.js's first line and `npm start` spell them out too (a shebang
// and an npm script cannot import). The benchmarks start Outcry with these, so they measure what runs.
// --max-semi-space-size=32: V8 sizes the young generation by the machine's memory, up to 64 MB per
// semi-space on a large host. 16 saved a sender about 45 MB more, but under a storm's burst each young
// collection then came before most of the requests in flight had been answered, so their objects were
// copied and promoted: 45-56 µs of processor time per request against 37-38 with 32 (bench:burst).
// --no-allocation-site-pretenuring: V8 allocates an allocation site's objects straight in the old generation
// once it has seen most of them survive, and keeps them there until a full collection. A send's first batch
// of recipients took 180 ms (threads starting, code not yet optimised), so every later batch's rows were
// allocated old: some 60 MB of garbage per 100,000 recipients, and the peak of a send 430 MB instead of 380.
// The same processor time either way (bench:send, bench:burst).
// --heap-growing-percent=30: hold the old generation to 30 % above what survived the last full collection,
// from the start, so the first limits are tight too; a process that serves the web lets V8 choose between
// sends (src/lib/heap-growth.ts says why, with the figures).
export const NODE_FLAGS = ['--max-semi-space-size=32', '--no-allocation-site-pretenuring', '--heap-growing-percent=30'];
