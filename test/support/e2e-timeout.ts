// End-to-end files start the sandbox, dynalite and the real state machines in their set-up hooks; on a
// shared CI machine that can take longer than jest's 5 s default. A file may still set a longer limit.
jest.setTimeout(60_000);
