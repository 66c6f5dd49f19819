// functions/index.ts names each function's handler twice: as serverless.yml does (a path), and as the
// import that loads it. Both must be the same module's handler.
import path from 'node:path';
import { FUNCTIONS } from '../../functions';

const root = path.resolve(__dirname, '../..');

describe('the list of functions', () => {
  it.each(Object.entries(FUNCTIONS))('%s loads the handler serverless.yml names', async (_, fn) => {
    // Prepare
    const [file, exported] = [fn.handler.slice(0, fn.handler.lastIndexOf('.')), fn.handler.slice(fn.handler.lastIndexOf('.') + 1)];

    // Act
    const loaded = await fn.load();

    // Assess
    expect(typeof loaded).toBe('function');
    expect(loaded).toBe(require(path.join(root, file))[exported]);
  });
});
