import { loadConfig } from '#config';
import { startRelay } from './bootstrap.js';

await startRelay(loadConfig());
