// Types for node-flags.js (plain JavaScript, so bin/outcry.js can import it on any Node).
export declare const NODE_FLAGS: string[];
