/** SSH allowlist entries that are no address or prefix, or would open SSH to the world: both the renderer and provision.sh refuse them. */
export const BAD_ALLOWLIST_ENTRIES = [
  'example.nl',
  '203.0.113.256',
  '10.0.0.0/33',
  '0.0.0.0/0',
  '::/0',
  '2001:db8::/8',
  '1.2.3.4/24/1',
  '010.0.0.1',
  '1:2:3:4:5:6:7:8:9',
  'fe80::1%eth0',
];
