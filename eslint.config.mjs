// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.mjs', '*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web UI: plain browser modules, no build step, no type information.
    files: ['apps/api/public/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: globals.browser,
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O libraries, no clocks. It imports the
    // domain, the workflow definitions and activity interfaces as types, nothing else. Its tests may.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!@temporalio/(workflow|common)$|@ngk/(domain|definitions)$|@ngk/activities/|\\.\\.?/)',
              message:
                'Workflows import only @temporalio/workflow, @temporalio/common, @ngk/domain and @ngk/definitions.',
            },
            {
              regex: '^@ngk/activities/',
              allowTypeImports: true,
              message: 'Workflows see activities through their types only (proxyActivities).',
            },
            {
              regex: '^(\\.\\./)+(apps|activities|libs|scripts|test|bench)/',
              message: 'Workflows reach other layers through @ngk/domain and @ngk/definitions only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Libraries sit below the applications, the workflows and the activities.
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@ngk/(activities|workflows)|(\\.\\./)+(apps|workflows|activities)/)',
              message: 'libs/ never imports apps/, workflows/ or activities/.',
            },
          ],
        },
      ],
    },
  },
  {
    // HTTP only: controllers reach the database through a service and its repository.
    files: ['apps/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource'],
              message: 'Controllers do not query the database.',
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource'],
              message: 'Controllers do not query the database.',
            },
          ],
        },
      ],
    },
  },
  {
    // One way to the database: in the applications and the activities, only repositories hold a
    // connection. A different rule name from the controllers' block, so both apply to controllers.
    files: ['apps/**/*.ts', 'activities/**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      // The health probe runs SELECT 1 on the connection itself: it checks the pool, not the data.
      'apps/api/src/health/database.health.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'QueryRunner'],
              message: 'Only *.repository.ts files reach the database; call a repository.',
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectEntityManager', 'getDataSourceToken'],
              message: 'Only *.repository.ts files reach the database; call a repository.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', '@ngk/*', 'fs', 'node:*'],
              message: 'libs/domain is pure: no I/O, no framework.',
            },
          ],
        },
      ],
    },
  },
);
