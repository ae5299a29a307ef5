import type { RequestContext } from '../identity/index.js';

/** What the forms' admin API needs from the app. */
export interface WebFormsServices {
  /** The address public links start with (PUBLIC_URL, else where this server listens). */
  publicBaseUrl(): string;
}

export type WebFormsContext = RequestContext<WebFormsServices>;
