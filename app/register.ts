/**
 * `npm run register`: registers the GitHub App from app.yml with GitHub's manifest flow (Probot's
 * setup page). Open the printed URL, click "Register a GitHub App", pick the account or org; GitHub
 * then hands back the App ID, private key and webhook secret, which are written to .env.
 */
import { run } from 'probot';

if (process.env.APP_ID && (process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
  process.stderr.write('error USAGE: the app is already registered (APP_ID and a private key are set)\n  remedy: run `npm start`; unset APP_ID to register another app.\n');
  process.exit(2);
}
await run(() => {}, { env: { ...process.env, APP_ID: undefined, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: undefined, NODE_ENV: 'development' } });
