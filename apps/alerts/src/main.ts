import { startAlerts } from './bootstrap.js';
import { AlertsConfigError, loadAlertsConfig } from './config.js';

try {
  await startAlerts(loadAlertsConfig());
} catch (error) {
  if (!(error instanceof AlertsConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
