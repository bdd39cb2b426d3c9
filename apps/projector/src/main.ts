import { loadConfig } from '#config';
import { startProjector } from './bootstrap.js';

await startProjector(loadConfig());
