import { ValidateBy, type ValidationOptions } from 'class-validator';
import * as fs from 'node:fs';

/** Why a path cannot be read as a file, or null when it can. */
export function fileProblem(path: string): string | null {
  try {
    if (!fs.statSync(path).isFile()) return `${path} is not a file`;
    fs.accessSync(path, fs.constants.R_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${path} does not exist`;
    return `${path} cannot be read (${code ?? (err as Error).message})`;
  }
}

/** The value is the path of a file this process can read (a certificate, a key). */
export function IsReadableFile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadableFile',
      validator: {
        validate: (value) => typeof value === 'string' && fileProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.property} must name a readable file: ${fileProblem(args.value)}`
            : `${args?.property} must be a file path`,
      },
    },
    options,
  );
}
