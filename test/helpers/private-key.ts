import { generateKeyPairSync } from 'node:crypto';

/** A throwaway RSA key in the PEM form GitHub gives for an app. */
export const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
