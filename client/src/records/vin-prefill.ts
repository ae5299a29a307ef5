import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { useApolloClient } from '@vue/apollo-composable';
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { FieldDef } from '../metadata';

/**
 * The create form's VIN help: as a VIN is typed, the server decodes it (`decodeVin`) and
 * the fields the VIN field fills (make, year) take the decoded values while the person has
 * left them empty; an invalid VIN's reason shows beside it before the form is sent.
 */

export interface VinDecoding {
  vin: string;
  valid: boolean;
  reason: string | null;
  make: string | null;
  modelYear: number | null;
}

export const DECODE_VIN: TypedDocumentNode<{ decodeVin: VinDecoding }, { vin: string }> = gql`
  query DecodeVin($vin: String!) {
    decodeVin(vin: $vin) {
      vin
      valid
      reason
      make
      modelYear
    }
  }
`;

/** The decoded values for the fields `vin` fills: field key → value. */
export function vinFillValues(field: FieldDef, decoding: VinDecoding): Record<string, unknown> {
  const fills = field.settings.fills;
  if (!decoding.valid || !fills) return {};
  const values: Record<string, unknown> = {};
  if (fills.make && decoding.make) values[fills.make] = decoding.make;
  if (fills.modelYear && decoding.modelYear) values[fills.modelYear] = decoding.modelYear;
  return values;
}

/**
 * A reason worth showing while typing: a too-short VIN is only unfinished, so its length is
 * reported from 17 characters on; a bad character or check digit at once.
 */
export function vinReasonToShow(typed: string, decoding: VinDecoding | null): string | null {
  if (!decoding || decoding.valid || !typed.trim()) return null;
  const unfinished = decoding.vin.length < 17 && decoding.reason?.startsWith('a VIN has');
  return unfinished ? null : decoding.reason;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * Watches the drafts' VIN fields; `prefilled` holds the values put in (the form shows them
 * in the editors, re-drawn through `generation`), and `reasons` the VIN fields' problems.
 */
export function useVinPrefill(fields: Ref<FieldDef[]>, drafts: Ref<Record<string, unknown>>) {
  const { resolveClient } = useApolloClient();
  const vinFields = computed(() => fields.value.filter((f) => f.settings.format === 'VIN'));
  const prefilled = ref<Record<string, unknown>>({});
  const reasons = ref<Record<string, string>>({});
  const generation = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onBeforeUnmount(() => clearTimeout(timer));

  watch(
    () => vinFields.value.map((f) => drafts.value[f.key] ?? '').join('\n'),
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => void decodeAll(), 250);
    },
  );

  return { prefilled, reasons, generation };

  async function decodeAll(): Promise<void> {
    for (const field of vinFields.value) {
      const typed = typeof drafts.value[field.key] === 'string' ? (drafts.value[field.key] as string) : '';
      const decoding = typed.trim() ? await decode(typed) : null;
      const reason = vinReasonToShow(typed, decoding);
      reasons.value = { ...reasons.value, [field.key]: reason ?? '' };
      if (decoding) apply(vinFillValues(field, decoding));
    }
  }

  async function decode(vin: string): Promise<VinDecoding | null> {
    try {
      const { data } = await resolveClient().query({
        query: DECODE_VIN,
        variables: { vin },
        fetchPolicy: 'network-only',
      });
      return data?.decodeVin ?? null;
    } catch {
      return null;
    }
  }

  /** Fills what the person has left empty, or what an earlier VIN filled. */
  function apply(values: Record<string, unknown>): void {
    let changed = false;
    for (const [key, value] of Object.entries(values)) {
      const current = drafts.value[key];
      const ours = key in prefilled.value && prefilled.value[key] === current;
      if (!isEmpty(current) && !ours) continue;
      if (current === value) continue;
      drafts.value = { ...drafts.value, [key]: value };
      prefilled.value = { ...prefilled.value, [key]: value };
      changed = true;
    }
    if (changed) generation.value++;
  }
}
