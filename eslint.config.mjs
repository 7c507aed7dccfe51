// office-addin-lint picks this file up (`npm run lint`): the Office add-in rules for React + TypeScript.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "out/**", "test-output/**"] },
  ...officeAddins.configs.react,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: "19" } },
    rules: {
      // TypeScript checks these (strict mode) and knows DOM/Office/Node globals.
      "no-undef": "off",
      "no-unused-vars": "off",
      "no-redeclare": "off",
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    // Adapters and the pane reach the engine through its one public surface, never its modules.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/core/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/core/*", "!**/core/index"],
              message: "Import the engine from src/core/index.ts (\"../core\"), not from its modules.",
            },
          ],
        },
      ],
    },
  },
  {
    // The engine, the .xlsx adapter and the command line never touch Office.js: the Office rules would
    // mistake ExcelJS cells for proxy objects.
    files: ["src/core/**", "src/ooxml/**", "src/xlsx/**", "src/cli/**"],
    rules: Object.fromEntries(
      Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"])
    ),
  },
];
