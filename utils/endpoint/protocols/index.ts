/** The wire protocol of the configured endpoint. */
import { openAiProtocol } from './openai';
import { sidechatProtocol } from './sidechat';
import type { WireProtocol } from '../wire-protocol';
import type { EndpointConfig } from '../../settings';

export type EndpointProtocol = WireProtocol<unknown>;

export function protocolFor(endpoint: EndpointConfig): EndpointProtocol {
  if (endpoint.type === 'openai') return openAiProtocol(endpoint) as EndpointProtocol;
  return sidechatProtocol({ endpointUrl: endpoint.url, projectId: endpoint.projectId, apiKey: endpoint.apiKey, systemPrompt: endpoint.systemPrompt }) as EndpointProtocol;
}
