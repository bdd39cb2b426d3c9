import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  type ContractCommand,
  type ContractEvent,
  EQUIPMENT_REPLACED,
} from './contract.js';

/**
 * The command that records a contract event, for replaying its stream through the decider: every field of the
 * event (upcast to its newest schema version, as every read of the store is) goes back into the command, so the
 * replay decides exactly what was recorded.
 */
export function contractCommandOf(event: RecordedOf<ContractEvent>): ContractCommand {
  const facts = {
    occurredAt: occurredAtOf(event),
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case CONTRACT_AWARDED:
      return {
        type: 'AwardContract',
        ...facts,
        country: event.country,
        classification: event.classification,
        contract: event.data,
      };
    case CONTRACT_AMENDED:
      return {
        type: 'AmendContract',
        ...facts,
        changes: event.data.changes,
        unitsVendorId: event.data.unitsVendorId,
        reason: event.data.reason,
      };
    case CONTRACT_TERMINATED:
      return {
        type: 'TerminateContract',
        ...facts,
        reason: event.data.reason,
        equipment: event.data.equipment,
        swappedInEquipment: event.data.swappedInEquipment,
      };
    case EQUIPMENT_REPLACED:
      return {
        type: 'ReplaceEquipment',
        ...facts,
        fromVendorId: event.data.fromVendorId,
        to: event.data.to,
        units: event.data.units,
        value: event.data.value,
        note: event.data.note,
      };
    default:
      return assertNever(event);
  }
}
