import { describe, expect, it } from 'vitest';
import { bounceAddress, checkRecipient, routeAddress } from '../../src/core/addresses.ts';

const book = { mailDomain: 'handoffs.example.com', playbookIds: ['fast-track'], teamIds: ['sales-leads'] };

describe("Baton's addresses", () => {
  it('writes the VERP return path as bounces+<token>@ the mail domain and reads it back as a bounce', () => {
    const address = bounceAddress('abc.def', 'handoffs.example.com');
    expect(address).toBe('bounces+abc.def@handoffs.example.com');
    expect(routeAddress(address, book)).toEqual({ kind: 'bounce', token: 'abc.def' });
    expect(checkRecipient(address, book)).toEqual({ ok: true });
  });

  it('still reads the older bounce+<token>@ return path of mail sent before', () => {
    expect(routeAddress('bounce+abc@handoffs.example.com', book)).toEqual({ kind: 'bounce', token: 'abc' });
  });

  it('refuses a bare bounces@ with no token during the SMTP session', () => {
    expect(checkRecipient('bounces@handoffs.example.com', book).ok).toBe(false);
  });
});
