describe('the runtime', () => {
  it('is the Node LTS pinned in package.json, not the machine default', () => {
    // Without the `node` package's install script, npm scripts silently fall back to the system Node.
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
