// Received mail in the client: its timeline entry (the admin screen is under admin/inbound-mail).
export { default as TimelineMailEntry } from './TimelineMailEntry.vue';
