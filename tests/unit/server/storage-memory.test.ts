import { describe } from 'vitest';
import { ReplyStore } from '../../../server/reply-store';
import { SessionStore } from '../../../server/sessions';
import { replyStorageContract, sessionStorageContract, type StorageFactory } from './storage-contract';

const memory: StorageFactory = {
  replies: async (limits) => new ReplyStore(limits),
  sessions: async () => new SessionStore(),
};

describe('storage contract: memory', () => {
  replyStorageContract(memory);
  sessionStorageContract(memory);
});
