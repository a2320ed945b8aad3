/**
 * The frame parsers of both sockets, rebuilt only when the configured message length changes
 * (a hot reload), so every frame is validated by compiled schemas.
 */
import { FrameParser } from "./frame-parser";
import { OPERATOR_COMMANDS, VISITOR_COMMANDS } from "./protocol";

let cached: { maxTextLength: number; visitor: FrameParser<typeof VISITOR_COMMANDS>; operator: FrameParser<typeof OPERATOR_COMMANDS> } | null = null;

function build(maxTextLength: number) {
  if (cached?.maxTextLength !== maxTextLength) {
    cached = {
      maxTextLength,
      visitor: new FrameParser(VISITOR_COMMANDS, { maxTextLength }),
      operator: new FrameParser(OPERATOR_COMMANDS, { maxTextLength }),
    };
  }
  return cached;
}

/** The visitor command parser for the configured message length. */
export function visitorParser(maxTextLength: number): FrameParser<typeof VISITOR_COMMANDS> {
  return build(maxTextLength).visitor;
}

/** The operator command parser for the configured message length. */
export function operatorParser(maxTextLength: number): FrameParser<typeof OPERATOR_COMMANDS> {
  return build(maxTextLength).operator;
}
