/** The wire protocol of the configured endpoint. */
import { sidechatProtocol } from './sidechat';
import type { WireProtocol } from '../wire-protocol';
import type { Settings } from '../../settings';

export type EndpointProtocol = WireProtocol<unknown>;

export function protocolFor(settings: Pick<Settings, 'endpointUrl' | 'projectId' | 'apiKey'>): EndpointProtocol {
  return sidechatProtocol(settings) as EndpointProtocol;
}
