-- Appending audit entries in one call (src/access/audit.ts, decision 0002): lock the head of a free
-- stripe of the place (or, when p_wait, of stripe p_from, waiting for it), give each entry the next
-- place-wide number and position, hash it after the one before (SHA-256 of the previous hash, a
-- line break and the entry's canonical JSON, whose position is filled in here), insert the entries
-- and move the head on. Returns the stripe, or null when no stripe was free (or the place has none).
-- A function rather than a statement sent each time: its plans are made once per connection.
CREATE FUNCTION audit_append(p_place uuid, p_entries jsonb, p_at timestamptz, p_stripes int, p_from int, p_wait boolean)
RETURNS int
LANGUAGE plpgsql
AS $$
DECLARE
  v_stripe int;
  v_pos int8;
  v_prev text;
  v_seq int8;
  v_hash text;
  e record;
BEGIN
  IF p_wait THEN
    SELECT stripe, seq, hash INTO v_stripe, v_pos, v_prev FROM audit_head
      WHERE place_id = p_place AND stripe = p_from FOR UPDATE;
  ELSE
    SELECT stripe, seq, hash INTO v_stripe, v_pos, v_prev FROM audit_head
      WHERE place_id = p_place ORDER BY (stripe + p_stripes - p_from) % p_stripes FOR UPDATE SKIP LOCKED LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  FOR e IN SELECT * FROM jsonb_to_recordset(p_entries) AS x(before text, after text, user_id uuid, role text, action text,
      person_ids uuid[], outcome text, reason text, detail jsonb) LOOP
    v_seq := nextval('audit_seq');
    v_pos := v_pos + 1;
    v_hash := encode(sha256(convert_to(v_prev || chr(10) || e.before
      || CASE WHEN v_stripe = 0 AND v_pos = v_seq THEN v_seq::text ELSE '[' || v_stripe || ',' || v_pos || ',' || v_seq || ']' END
      || e.after, 'UTF8')), 'hex');
    INSERT INTO audit_entry (place_id, seq, stripe, stripe_seq, at, user_id, role, action, person_ids, outcome, reason, detail, prev_hash, hash)
      VALUES (p_place, v_seq, v_stripe, v_pos, p_at, e.user_id, e.role, e.action, e.person_ids, e.outcome, e.reason, e.detail, v_prev, v_hash);
    v_prev := v_hash;
  END LOOP;
  UPDATE audit_head SET seq = v_pos, hash = v_prev WHERE place_id = p_place AND stripe = v_stripe;
  RETURN v_stripe;
END;
$$;
