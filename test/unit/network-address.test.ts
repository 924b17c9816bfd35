import { describe, expect, it } from 'vitest';
import { addressKind, decideWebhookTarget } from '../../src/domain/network-address.js';

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.15.0.1', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['fd00:ec2::254', 'metadata'],
    ['fc00::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2606:4700::1111', 'public'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it.each(['example.com', '1.2.3', '256.1.1.1', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9'])('%s is not an IP address', (text) => {
    expect(addressKind(text)).toBeNull();
  });
});

describe('decideWebhookTarget', () => {
  it('one private answer among public ones refuses the name', () => {
    expect(decideWebhookTarget('hooks.example.com', ['93.184.215.14', '10.0.0.7'], false)).toEqual({ ok: false, kind: 'private', address: '10.0.0.7' });
  });
  it('the operator allowance lets any target through', () => {
    expect(decideWebhookTarget('localhost', ['127.0.0.1'], true)).toEqual({ ok: true });
  });
});
