// Testing: helpers for the client's unit tests (a fake Apollo client).
export { createFakeApollo, type FakeResponder, graphQLError, signedOut } from './fake-apollo';
