// Workspaces: the workspace switcher, members and roles.
export { default as MemberList } from './MemberList.vue';
export { MEMBERS_QUERY, type Role } from './operations';
export { roleLabel } from './roles';
export { useWorkspace } from './use-workspace';
export { default as WorkspaceSwitcher } from './WorkspaceSwitcher.vue';
