import { existsSync } from "node:fs";
import path from "node:path";

import { MDX_COMPONENT_RULES } from "./mdx-components";

type Position = { start?: { line?: number } };
type MdxNode = {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdxNode[];
  position?: Position;
};

export type ContentLink = { url: string; line: number };

function lineOf(node: MdxNode) {
  return node.position?.start?.line ?? 0;
}

/**
 * Checks one MDX tree: only the known components with their attributes, no imports, no
 * JavaScript expressions, figures that exist beside the course. Returns the problems found and
 * the site links the text makes, for checking against the catalogue.
 */
export function checkMdxTree(tree: MdxNode, courseDir: string) {
  const problems: string[] = [];
  const links: ContentLink[] = [];
  const visit = (node: MdxNode) => {
    const line = lineOf(node);
    // mdx-bundler adds its own frontmatter export, without a position in the source.
    if (node.type === "mdxjsEsm" && node.position) problems.push(`line ${line}: import and export are not allowed in content`);
    if (node.type === "mdxFlowExpression" || node.type === "mdxTextExpression") {
      problems.push(`line ${line}: "{…}" expressions are not allowed in content (write the text out)`);
    }
    if (node.type === "link" && typeof node.url === "string" && node.url.startsWith("/")) links.push({ url: node.url, line });
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") checkElement(node, line);
    node.children?.forEach(visit);
  };
  const checkElement = (node: MdxNode, line: number) => {
    const name = node.name ?? "";
    const rule = MDX_COMPONENT_RULES[name];
    if (!rule) {
      problems.push(`line ${line}: unknown component <${name}> (allowed: ${Object.keys(MDX_COMPONENT_RULES).join(", ")})`);
      return;
    }
    const given = new Map<string, unknown>();
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== "mdxJsxAttribute" || !attribute.name) {
        problems.push(`line ${line}: <${name}> takes plain attributes only`);
        continue;
      }
      given.set(attribute.name, attribute.value);
    }
    for (const [attribute, value] of given) {
      if (![...rule.required, ...rule.optional].includes(attribute)) {
        problems.push(`line ${line}: <${name}> has no attribute "${attribute}"`);
      } else if (typeof value !== "string") {
        problems.push(`line ${line}: <${name} ${attribute}> must be a quoted text value`);
      } else if (rule.allowed?.[attribute] && !rule.allowed[attribute].includes(value)) {
        problems.push(`line ${line}: <${name} ${attribute}="${value}"> must be one of ${rule.allowed[attribute].join(", ")}`);
      }
    }
    for (const attribute of rule.required) {
      if (!given.has(attribute)) problems.push(`line ${line}: <${name}> needs the attribute "${attribute}"`);
    }
    const src = given.get("src");
    if (name === "Figure" && typeof src === "string") {
      const file = path.resolve(courseDir, src);
      if (!/^media\/[a-z0-9-]+\.svg$/.test(src) || !existsSync(file)) {
        problems.push(`line ${line}: <Figure src="${src}"> must name an existing media/<name>.svg beside the course`);
      }
    }
  };
  visit(tree);
  return { problems, links };
}
