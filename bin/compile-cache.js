// Where Node keeps the compiled code of Outcry's modules between runs (module.enableCompileCache): a folder
// of the installation's own, not the system's shared temporary one, whose files another user could write.
// With it a command starts about a third sooner (`outcry people --help`, 6 + 6 runs in turns: 1.27-1.66 s
// without, 0.92-1.15 s with).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMPILE_CACHE_DIR = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache', 'outcry-compile');
