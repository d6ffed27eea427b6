// The officials a storm addresses, as the organiser lists them: each needs a name (what networks without
// mentions show) and may have a handle per network; each problem names the target and the network.
import { HANDLE_FORMATS, MENTION_NETWORKS, isMentionNetwork, normalizeHandle, type Handles, type Target } from './target-handles.ts';

export interface TargetInput {
  name: string;
  handles?: Partial<Record<string, string | null | undefined>> | undefined;
}

export function checkTargets(input: readonly TargetInput[], fail: (name: string, reason: string) => void): Target[] {
  const targets: Target[] = [];
  input.forEach((raw, i) => {
    const n = i + 1;
    const name = raw.name.trim().replace(/\s+/g, ' ');
    if (name === '' || name.length > 100) fail(`targets.${i}.name`, `Target ${n} needs a name of 1 to 100 characters (networks without mentions show it)`);
    const twin = targets.findIndex((t) => t.name.toLowerCase() === name.toLowerCase());
    if (name !== '' && twin >= 0) fail(`targets.${i}.name`, `Target ${n} has the same name as target ${twin + 1}, "${name}"`);
    const handles: Handles = {};
    for (const [network, value] of Object.entries(raw.handles ?? {})) {
      if (value === undefined || value === null || value.trim() === '') continue;
      const field = `targets.${i}.handles.${network}`;
      if (!isMentionNetwork(network)) {
        fail(field, `Target ${n} (${name}): ${network} is not a network with mentions; handles are for ${MENTION_NETWORKS.join(', ')}`);
        continue;
      }
      const handle = normalizeHandle(network, value);
      const format = HANDLE_FORMATS[network];
      if (handle) handles[network] = handle;
      else fail(field, `Target ${n} (${name}): "${value}" is not a handle on ${format.name}; write it like ${format.example}`);
    }
    targets.push({ name, handles });
  });
  return targets;
}
