import 'server-only';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { putEntry } from '../shared/records';

/**
 * MLflow writes meta.yaml with PyYAML (YAML 1.1), whose resolver makes a plain scalar a number only when it is
 * a decimal integer or has a dot; so ids like `4941e098` stay unquoted, and a YAML 1.2 reader would take that
 * digest for the float 4.941e101. Every scalar is therefore read as text and resolved here by PyYAML's rules.
 */

const NULL = /^(?:~|null|Null|NULL|)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)(?:[eE][-+][0-9]+)?$/;
const INFINITY = /^([-+]?)\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export function resolvePlainScalar(text: string): YamlValue {
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (INT.test(text) || FLOAT.test(text)) return Number(text.replaceAll('_', ''));
  const infinity = INFINITY.exec(text);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return NAN.test(text) ? NaN : text;
}

function toValue(node: unknown): YamlValue {
  if (isScalar(node)) {
    const text = String(node.value);
    return node.type === 'PLAIN' ? resolvePlainScalar(text) : text;
  }
  if (isSeq(node)) return node.items.map(toValue);
  if (isMap(node)) {
    const out: { [key: string]: YamlValue } = {};
    for (const pair of node.items) {
      if (isScalar(pair.key)) putEntry(out, String(pair.key.value), toValue(pair.value));
    }
    return out;
  }
  // Anchors/aliases and tags: PyYAML's safe_dump never writes them in MLflow's files.
  return null;
}

/** Parses one YAML document; throws with the parser's first message when the text is not YAML. */
export function parsePyYaml(text: string): YamlValue {
  const doc = parseDocument(text, { schema: 'failsafe' });
  const [error] = doc.errors;
  if (error) throw new Error(error.message.split('\n')[0]);
  return toValue(doc.contents);
}
