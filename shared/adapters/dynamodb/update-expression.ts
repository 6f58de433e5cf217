/** Builds `SET #a = :a, ...` for the given attributes; undefined values are REMOVEd so a cleared field clears. */
export function updateExpression(attributes: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(attributes).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    if (value === undefined) removes.push(`#a${i}`);
    else {
      values[`:a${i}`] = value;
      sets.push(`#a${i} = :a${i}`);
    }
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return {
    UpdateExpression: expression,
    ExpressionAttributeNames: names,
    ...(sets.length && { ExpressionAttributeValues: values }),
  };
}
