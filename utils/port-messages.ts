/**
 * The side panel ⇄ background contract over a runtime port. Both ends validate what they
 * receive with these schemas; anything else is dropped.
 */
import * as v from 'valibot';
import { UsageSchema } from './protocol';

/** Ports are named `sidechat-panel:{windowId}`: one conversation per browser window. */
export const PANEL_PORT_PREFIX = 'sidechat-panel:';

export function panelPortName(windowId: number): string {
  return `${PANEL_PORT_PREFIX}${windowId}`;
}

export function windowIdOfPort(name: string): number | undefined {
  if (!name.startsWith(PANEL_PORT_PREFIX)) return undefined;
  const id = Number(name.slice(PANEL_PORT_PREFIX.length));
  return Number.isInteger(id) ? id : undefined;
}

const replyId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(100_000));

export const PanelMessageSchema = v.variant('type', [
  v.object({ type: v.literal('send'), replyId, text }),
  /** Asks again for a reply that failed; the panel replaces that reply. */
  v.object({ type: v.literal('retry'), replyId, text }),
  v.object({ type: v.literal('stop'), replyId }),
  /** Is the endpoint up? Answered with an `endpoint` message. */
  v.object({ type: v.literal('probe') }),
]);
export type PanelMessage = v.InferOutput<typeof PanelMessageSchema>;

export const BackgroundMessageSchema = v.variant('type', [
  v.object({ type: v.literal('chunk'), replyId, delta: v.string() }),
  v.object({ type: v.literal('fallback'), replyId, message: v.string() }),
  v.object({ type: v.literal('done'), replyId, usage: v.optional(UsageSchema), notice: v.optional(v.string()) }),
  v.object({ type: v.literal('error'), replyId, message: v.string(), code: v.optional(v.string()) }),
  v.object({ type: v.literal('stopped'), replyId }),
  v.object({ type: v.literal('endpoint'), reachable: v.boolean(), message: v.optional(v.string()) }),
]);
export type BackgroundMessage = v.InferOutput<typeof BackgroundMessageSchema>;

export function parsePanelMessage(value: unknown): PanelMessage | undefined {
  const result = v.safeParse(PanelMessageSchema, value);
  return result.success ? result.output : undefined;
}

export function parseBackgroundMessage(value: unknown): BackgroundMessage | undefined {
  const result = v.safeParse(BackgroundMessageSchema, value);
  return result.success ? result.output : undefined;
}

/** The part of `runtime.Port` both ends use; unit tests pass a fake with this shape. */
export interface PortLike {
  name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
