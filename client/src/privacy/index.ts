// Privacy requests on a record page (admins): export a person's data, erase it in place.
export { default as PrivacyMenu } from './PrivacyMenu.vue';
