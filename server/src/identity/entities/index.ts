import { ApiToken } from './api-token.js';
import { Invitation } from './invitation.js';
import { Membership } from './membership.js';
import { Session } from './session.js';
import { User } from './user.js';
import { Workspace } from './workspace.js';

export { ApiToken, Invitation, Membership, Session, User, Workspace };
export const identityEntities = [Workspace, User, Membership, Session, ApiToken, Invitation];
