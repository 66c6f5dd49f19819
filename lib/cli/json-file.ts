// A JSON file a command was given: a file that cannot be read or parsed is a usage error (exit 2)
// that names the file and what it was for, never a stack trace.
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error';

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}
