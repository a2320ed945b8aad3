/**
 * The knowledge base may live in its own YAML file (`knowledgeBase.file`), so the content team can
 * edit articles without touching the server settings. It is validated like the main file, and its
 * errors point into it.
 */
import { readFileSync } from "node:fs";
import { relative, isAbsolute } from "node:path";
import { Value } from "@sinclair/typebox/value";
import { ConfigSchema, type Config } from "./schema";
import type { ConfigIssue, KeyPath } from "./issue.model";
import { schemaIssues } from "./schema-errors";
import { YamlSource } from "./yaml-source";

/** One knowledge base article, as the config exposes it. */
export type KnowledgeArticle = Config["knowledgeBase"]["articles"][number];

const ArticlesSchema = ConfigSchema.properties.knowledgeBase.properties.articles;

/**
 * Reads the articles of `file` (absolute). A missing or unreadable file is reported at `referencedAt`
 * in the main config, where the admin wrote its name; problems inside it are reported in it.
 */
export function loadKnowledgeFile(file: string, config: YamlSource, referencedAt: KeyPath): { articles: KnowledgeArticle[]; issues: ConfigIssue[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    return { articles: [], issues: [config.issue(referencedAt, `cannot read the knowledge base file ${file}: ${reason}`, { expected: "a readable YAML file" })] };
  }
  const { source, issues } = YamlSource.parse(text, displayName(file));
  issues.push(...source.unresolvedAliases());
  if (issues.length > 0) return { articles: [], issues };
  const converted = source.toData();
  if (converted.issue) return { articles: [], issues: [converted.issue] };
  const data: unknown = converted.data ?? [];
  if (!Array.isArray(data)) {
    const issue = source.issue([], "expected a list of articles, each with title, body and tags", { expected: "a list of articles" });
    return { articles: [], issues: [issue] };
  }
  const filled = Value.Default(ArticlesSchema, Value.Clone(data));
  const problems = schemaIssues(ArticlesSchema, filled, source);
  return problems.length > 0 ? { articles: [], issues: problems } : { articles: filled as KnowledgeArticle[], issues: [] };
}

/** A path as the admin would type it: relative to the working directory when below it. */
export function displayName(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere !== "" && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : file;
}
