// functions/index.ts names each function's handler twice: as serverless.yml does (a path), and by the
// import the local runner calls. Both must be the same module's handler.
import path from 'node:path';
import { FUNCTIONS } from '../../functions';

const root = path.resolve(__dirname, '../..');

describe('the list of functions', () => {
  it.each(Object.entries(FUNCTIONS))('%s runs the handler serverless.yml names', (_, fn) => {
    // Prepare
    const [file, exported] = [fn.handler.slice(0, fn.handler.lastIndexOf('.')), fn.handler.slice(fn.handler.lastIndexOf('.') + 1)];

    // Assess
    expect(typeof fn.run).toBe('function');
    expect(fn.run).toBe(require(path.join(root, file))[exported]);
  });
});
