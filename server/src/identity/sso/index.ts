// Single sign-on with OpenID Connect: a workspace's provider, just-in-time membership by
// e-mail domain, and the browser routes that start and finish a sign-in.
export { ssoRoutes } from './routes.js';
