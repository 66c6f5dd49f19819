// Which function a local run is in: the local runner invokes every handler inside it, so whatever the
// handler calls (an AWS client, through its middleware) can tell which function's role would make the
// call in AWS. Used by the test that checks each function's IAM grants cover the calls it makes.
import { AsyncLocalStorage } from 'node:async_hooks';

export const currentFunction = new AsyncLocalStorage<string>();
