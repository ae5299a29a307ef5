// Workspaces: the home page, the workspace switcher, members and roles.
export { default as HomePage } from './HomePage.vue';
export { MEMBERS_QUERY, type Role } from './operations';
export { roleLabel } from './roles';
export { useWorkspace } from './use-workspace';
export { default as WorkspaceSwitcher } from './WorkspaceSwitcher.vue';
