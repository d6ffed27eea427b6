// The share intents live in src/lib/share-intents.ts, shared with the article page; storms' code keeps this name.
export { NETWORKS, NETWORK_NAMES, intentUrl, isNetwork, type Network, type Share } from '../../lib/share-intents.ts';
