import { describe, it, expect } from 'vitest';
import { MissingJavaError, requireJava17 } from '../../infra/local/java.ts';

describe('the Java check before DynamoDB Local starts', () => {
  it('says what to install when Java is absent', () => {
    expect(() => requireJava17('/nonexistent/java')).toThrow(MissingJavaError);
    expect(() => requireJava17('/nonexistent/java')).toThrow(/Java was not found\. DynamoDB Local needs Java 17 or newer\. .*apt-get install -y openjdk-17-jre-headless/);
  });

  it('accepts the Java on this machine', () => {
    expect(() => requireJava17()).not.toThrow();
  });
});
