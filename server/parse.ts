/** Reading what the client sent into protocol types, with 400s that say what is wrong. */
import * as v from 'valibot';
import { CancelRequestSchema, ChatRequestSchema, type ChatRequest } from '../utils/contract/sidechat-wire';
import { HttpError } from './http';

export type ParsedBody = { json: unknown } | { error: string };

export function decodeProjectId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad_request', `Project ID is not valid percent-encoding: ${raw}`);
  }
}

export function parseJson(text: string): ParsedBody {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Throws for a body that was not JSON too: that is only an error once the body is needed. */
export function validate(parsed: ParsedBody): ChatRequest {
  return validBody(ChatRequestSchema, parsed, 'chat request');
}

export function validateCancel(parsed: ParsedBody): string {
  return validBody(CancelRequestSchema, parsed, 'cancel request').requestId;
}

function validBody<S extends v.GenericSchema>(schema: S, parsed: ParsedBody, what: string): v.InferOutput<S> {
  if ('error' in parsed) throw new HttpError(400, 'bad_request', `Request body is not valid JSON: ${parsed.error}`);
  const result = v.safeParse(schema, parsed.json);
  if (!result.success) {
    const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`);
    throw new HttpError(400, 'bad_request', `Invalid ${what}: ${issues.join('; ')}`);
  }
  return result.output;
}
