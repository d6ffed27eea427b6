/** Where Node keeps the compiled code of Outcry's modules between runs (compile-cache.js). */
export declare const COMPILE_CACHE_DIR: string;
