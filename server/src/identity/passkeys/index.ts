// Passkeys (WebAuthn): registering them on the account, and signing in with one instead of
// a password (usernameless, user-verified: multi-factor by itself).
export { passkeyRegistrationOptions, addPasskey, maxPasskeysPerUser } from './registration.js';
export { passkeySignInOptions, signInWithPasskey, PasskeyRefused } from './sign-in.js';
export {
  hasPasskey,
  myPasskeys,
  renamePasskey,
  removePasskey,
  passkeyOwner,
  type PasskeySummary,
} from './passkeys.js';
