package dev.signaling.router.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one Lua script that changes rooms in Redis. Redis runs a script alone, so each operation (check capacity and
 * handle, change membership, publish the announcements) is atomic, and the order in which scripts run is the one
 * order of every room's history. Events are published to the channel of the instance holding each recipient
 * ({@code sig:bus:<instance>}), grouped per instance, in the shapes {@link EventWire} documents; each operation ends
 * with an acknowledgement on the calling instance's own channel, so the caller completes only once every event the
 * operation sent to its own peers has been delivered. A relay delivered to peers of other instances only, which is
 * most relays between instances, has its result as the script's reply instead (the reply is nil otherwise): that
 * saves a {@code PUBLISH} per relay, a seventh of the script's time.
 *
 * <p>Keys: {@code sig:room:<room>} hash peer → "instance|member json"; {@code sig:handles:<room>} hash handle →
 * peer; {@code sig:rooms:<peer>} set of rooms; {@code sig:peers:<instance>} set of peers in some room;
 * {@code sig:alive:<instance>} the heartbeat (expires), holding the instance's current epoch; {@code sig:nodes} set of
 * registered instances;
 * {@code sig:dir:<room>} present while the room is a directory (no arrivals, departures or member lists are
 * published for it: {@code RoomKind.DIRECTORY}). Key names are built inside the script, so this needs a single
 * Redis (or a primary with replicas), not Redis Cluster.
 *
 * <p>Epochs fence off connections the instance gave up on. Each of an instance's connections to Redis has a number,
 * higher than the one before, and every command carries it as its <em>last</em> argument ({@link RedisLink}). The
 * resync that opens a connection makes its epoch the current one (the value of the heartbeat key). A join, leave,
 * detach or relay whose epoch is not current answers {@code STALE} and changes nothing: such a command was sent on a
 * connection the instance dropped (its client was told it failed), and reached Redis late, possibly after the resync
 * that undid everything the instance did not hold. The same answer comes when the heartbeat expired (the instance
 * may have been reaped): the instance then starts over.
 *
 * <p>ARGV: operation, calling instance, operation id ("" for no acknowledgement), then per operation (then the
 * epoch):
 * <ul>
 * <li>join: room, peer, member json, handle or "", capacity, ref as a JSON literal, "d" for a directory or "r"
 * (the kind of the room, if this join creates it)</li>
 * <li>leave: room, peer</li>
 * <li>detach: peer</li>
 * <li>relay: room, sender, mode ("*", "p" peer id, "h" handle), target, kind, the payload's JSON text as a JSON
 * string (the instance encodes it: in the script, {@code cjson.encode} of a 2 KB SDP was a third of a relay's
 * time)</li>
 * <li>beat: ttl in ms (refreshes the heartbeat, registers the instance; answers FRESH if it had expired, and then
 * keeps the instance registered without a current epoch, so that its operations are refused until it resyncs)</li>
 * <li>reap: every other registered instance whose heartbeat expired loses its peers from every room</li>
 * <li>audit: each member of this instance gets an "audit" snapshot of each of its rooms</li>
 * <li>sync: nothing but the acknowledgement (a marker: what was published to this instance before has arrived)</li>
 * <li>retire: this instance leaves the cluster on shutdown (its peers leave every room, the others are told)</li>
 * <li>resync: ttl in ms, the number n of peers attached here, their n ids, then (room, peer, member json, handle or
 * "", "d" or "r") per membership this instance holds (sent right after a reconnect, when none of the instance's
 * operations is in flight; answers STALE if a newer connection of the instance resynced already). Its epoch becomes
 * the current one, and Redis is made to match: memberships of peers no longer here, and memberships Redis has
 * that this instance does not hold (a join whose answer was lost; the peer gets "gone"), are left; missing ones are
 * restored (with the room's kind) and announced where the room announces, and each member gets a "view" of its room
 * (or "gone" when its handle was taken meanwhile)</li>
 * </ul>
 */
final class RoomScripts {
    /** The script's source with a place for the key prefix ({@link #withPrefix}). */
    private static final String SOURCE = """
            local P = '%PREFIX%'
            local op, me, opid = ARGV[1], ARGV[2], ARGV[3]
            local epoch, last = ARGV[#ARGV], #ARGV - 1 -- the epoch, and the last argument before it
            local alive = P .. 'alive:' .. me
            local lost = 0
            local mine = false -- whether this operation published anything to this instance's own peers
            local enc = cjson.encode

            local function chan(node) return P .. 'bus:' .. node end
            local function split(v)
              local s = string.find(v, '|', 1, true)
              return string.sub(v, 1, s - 1), string.sub(v, s + 1)
            end
            -- opfield: ',"op":<id>' on the joiner's own joined (which its join's ack follows), nil otherwise;
            -- data: a relay's payload, the end of an ev that stops at '"data":'. It comes apart so that its bytes are
            -- copied into one new string only: each string Lua makes of a 2 KB payload costs Redis some 2.5 µs.
            local function publish(node, kind, ids, ev, opfield, data)
              if node == me then mine = true end
              local n = redis.call('PUBLISH', chan(node), '{"k":"' .. kind .. '","to":[' .. table.concat(ids, ',')
                .. ']' .. (opfield or '') .. ',"ev":' .. ev .. (data or '') .. (data and '}' or '') .. '}')
              if n == 0 then lost = lost + #ids end
            end
            -- the operation's result comes on the calling instance's channel, behind every event it published there
            -- (the script's reply is then nil)
            local function ack(result)
              if opid ~= '' then
                redis.call('PUBLISH', chan(me), '{"k":"ack","op":' .. opid .. ',"r":"' .. result .. '","lost":' .. lost .. '}')
              end
              return nil
            end
            -- publishes ev (and data, as publish does) to every member of room but except, one message per instance;
            -- returns the count
            local function fanout(room, except, ev, data)
              local all = redis.call('HGETALL', P .. 'room:' .. room)
              local groups, order, n = {}, {}, 0
              for i = 1, #all, 2 do
                if all[i] ~= except then
                  local node = split(all[i + 1])
                  if not groups[node] then groups[node] = {}; order[#order + 1] = node end
                  local g = groups[node]
                  g[#g + 1] = enc(all[i])
                  n = n + 1
                end
              end
              for _, node in ipairs(order) do publish(node, 'ev', groups[node], ev, nil, data) end
              return n
            end
            -- the epoch of the connection that resynced last ('0' once the heartbeat expired)
            local function current() return redis.call('GET', alive) or '0' end
            -- the operations that change rooms or deliver (a plain comparison: this runs for every relay)
            if (op == 'relay' or op == 'join' or op == 'leave' or op == 'detach') and current() ~= epoch then
              return ack('STALE')
            end
            -- A relay that was delivered to peers of other instances only, every one listening, has its result as the
            -- script's reply: none of this instance's peers waits for one of its events. Any other outcome is
            -- acknowledged on the channel, behind what this instance's peers were told before (the peer-left that
            -- explains an UNKNOWN_PEER, say).
            local function delivered(n)
              if mine or lost > 0 or opid == '' then return ack('DELIVERED:' .. n) end
              return 'DELIVERED:' .. n
            end

            -- The relay comes first, ahead of the helpers only the other operations need: it is most of the traffic,
            -- and Lua creates every local function below anew on each call.
            if op == 'relay' then
              local room, from, mode, target, kind, data = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
              local key = P .. 'room:' .. room
              local sv = redis.call('HGET', key, from)
              if not sv then return ack('NOT_IN_ROOM') end
              local _, sender = split(sv)
              local ev = '{"t":"relayed","kind":' .. enc(kind) .. ',"room":' .. enc(room) .. ',"from":' .. sender
                .. ',"data":' -- then data (see publish)
              if mode == '*' then
                local n = fanout(room, from, ev, data)
                return delivered(n - lost)
              end
              if mode == 'h' then
                target = redis.call('HGET', P .. 'handles:' .. room, target)
                if not target then return ack('UNKNOWN_PEER') end
              end
              local tv = redis.call('HGET', key, target)
              if not tv then return ack('UNKNOWN_PEER') end
              local node = split(tv)
              publish(node, 'ev', { enc(target) }, ev, nil, data)
              if lost > 0 then return ack('UNKNOWN_PEER') end
              return delivered(1)
            end

            local function isDir(room) return redis.call('EXISTS', P .. 'dir:' .. room) == 1 end
            local function isNew(room) return redis.call('EXISTS', P .. 'room:' .. room) == 0 end
            -- the join that creates a room decides its kind (called once its first member is in)
            local function setKind(room, kind)
              if kind == 'd' then
                redis.call('SET', P .. 'dir:' .. room, '1')
              else
                redis.call('DEL', P .. 'dir:' .. room)
              end
            end
            local function add(room, peer, member, handle, node)
              redis.call('HSET', P .. 'room:' .. room, peer, node .. '|' .. member)
              if handle ~= '' then redis.call('HSET', P .. 'handles:' .. room, handle, peer) end
              redis.call('SADD', P .. 'rooms:' .. peer, room)
              redis.call('SADD', P .. 'peers:' .. node, peer)
            end
            local function joined(room, peer, ref)
              local all = isDir(room) and {} or redis.call('HGETALL', P .. 'room:' .. room)
              local peers = {}
              for i = 1, #all, 2 do
                if all[i] ~= peer then local _, m = split(all[i + 1]); peers[#peers + 1] = m end
              end
              return '{"t":"joined","room":' .. enc(room) .. ',"peer":' .. enc(peer) .. ',"ref":' .. ref
                .. ',"peers":[' .. table.concat(peers, ',') .. ']}'
            end
            -- tells a peer it is no longer in room (see 'gone' in EventWire)
            local function gone(room, peer)
              return '{"t":"joined","room":' .. enc(room) .. ',"peer":' .. enc(peer) .. ',"ref":null,"peers":[]}'
            end
            local function leaveOne(room, peer)
              local key = P .. 'room:' .. room
              local v = redis.call('HGET', key, peer)
              redis.call('SREM', P .. 'rooms:' .. peer, room)
              if not v then return false end
              redis.call('HDEL', key, peer)
              local _, member = split(v)
              local handle = cjson.decode(member).handle
              if type(handle) == 'string' and redis.call('HGET', P .. 'handles:' .. room, handle) == peer then
                redis.call('HDEL', P .. 'handles:' .. room, handle)
              end
              if not isDir(room) then
                fanout(room, peer, '{"t":"peer-left","room":' .. enc(room) .. ',"peer":' .. member .. '}')
              elseif redis.call('EXISTS', key) == 0 then
                redis.call('DEL', P .. 'dir:' .. room)
              end
              return true
            end
            local function leaveAll(peer, node)
              for _, room in ipairs(redis.call('SMEMBERS', P .. 'rooms:' .. peer)) do leaveOne(room, peer) end
              redis.call('DEL', P .. 'rooms:' .. peer)
              redis.call('SREM', P .. 'peers:' .. node, peer)
            end
            -- A full Redis (maxmemory, noeviction) refuses a script's first write if that write adds data, and lets
            -- every later one through (it cannot stop a script that changed something). A heartbeat and a resync
            -- must run even then, or a full Redis would make every instance look dead: they write first with this,
            -- which adds nothing. A join's first write adds data, before it has published anything, so a full Redis
            -- refuses the join whole.
            local function evenWhenFull(ttl) redis.call('PEXPIRE', alive, ttl) end
            -- whether a newer connection of this instance has resynced already (was: the current epoch)
            local function superseded(was) return tonumber(was) > tonumber(epoch) end
            -- refreshes the heartbeat; 'FRESH' when it had expired (this instance may have been reaped meanwhile):
            -- the instance stays registered, but with epoch 0 its operations are refused until it resyncs
            local function beat(ttl)
              local was = current()
              if superseded(was) then return 'STALE' end
              local fresh = was ~= epoch
              evenWhenFull(ttl)
              redis.call('SET', alive, fresh and '0' or epoch, 'PX', ttl)
              redis.call('SADD', P .. 'nodes', me)
              return fresh and 'FRESH' or 'OK'
            end
            if op == 'join' then
              local room, peer, member, handle, cap, ref = ARGV[4], ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]
              local kind = ARGV[10]
              local key = P .. 'room:' .. room
              if redis.call('HEXISTS', key, peer) == 1 then return ack('ALREADY_JOINED') end
              if handle ~= '' and redis.call('HEXISTS', P .. 'handles:' .. room, handle) == 1 then
                return ack('HANDLE_TAKEN')
              end
              if redis.call('HLEN', key) >= cap then return ack('ROOM_FULL') end
              local new = isNew(room)
              add(room, peer, member, handle, me) -- first: a full Redis refuses it, and nothing has happened yet
              if new then setKind(room, kind) end
              if not isDir(room) then
                fanout(room, peer, '{"t":"peer-joined","room":' .. enc(room) .. ',"peer":' .. member .. '}')
              end
              publish(me, 'ev', { enc(peer) }, joined(room, peer, ref), opid ~= '' and (',"op":' .. opid) or '')
              return ack('JOINED')
            elseif op == 'leave' then
              local room, peer = ARGV[4], ARGV[5]
              local was = leaveOne(room, peer)
              if redis.call('SCARD', P .. 'rooms:' .. peer) == 0 then redis.call('SREM', P .. 'peers:' .. me, peer) end
              return ack(was and 'LEFT' or 'NOT_IN_ROOM')
            elseif op == 'detach' then
              leaveAll(ARGV[4], me)
              return ack('DETACHED')
            elseif op == 'beat' then
              return beat(ARGV[4])
            elseif op == 'reap' then
              local reaped = 0
              for _, node in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
                if node ~= me and redis.call('EXISTS', P .. 'alive:' .. node) == 0 then
                  for _, peer in ipairs(redis.call('SMEMBERS', P .. 'peers:' .. node)) do
                    leaveAll(peer, node)
                    reaped = reaped + 1
                  end
                  redis.call('DEL', P .. 'peers:' .. node)
                  redis.call('SREM', P .. 'nodes', node)
                end
              end
              return ack('REAPED:' .. reaped)
            elseif op == 'audit' then
              for _, peer in ipairs(redis.call('SMEMBERS', P .. 'peers:' .. me)) do
                for _, room in ipairs(redis.call('SMEMBERS', P .. 'rooms:' .. peer)) do
                  publish(me, 'audit', { enc(peer) }, joined(room, peer, 'null'))
                end
              end
              return ack('AUDITED')
            elseif op == 'sync' then
              return ack('SYNCED')
            elseif op == 'retire' then
              for _, peer in ipairs(redis.call('SMEMBERS', P .. 'peers:' .. me)) do leaveAll(peer, me) end
              redis.call('DEL', P .. 'peers:' .. me, P .. 'alive:' .. me)
              redis.call('SREM', P .. 'nodes', me)
              return ack('RETIRED')
            elseif op == 'resync' then
              if superseded(current()) then return ack('STALE') end
              evenWhenFull(ARGV[4])
              redis.call('SET', alive, epoch, 'PX', ARGV[4])
              redis.call('SADD', P .. 'nodes', me)
              local count = tonumber(ARGV[5])
              local first = 6 + count -- the first membership's arguments
              local held = {} -- peer attached here -> the rooms this instance holds for it
              for i = 6, 5 + count do held[ARGV[i]] = {} end
              for i = first, last, 5 do
                if held[ARGV[i + 1]] then held[ARGV[i + 1]][ARGV[i]] = true end
              end
              for _, peer in ipairs(redis.call('SMEMBERS', P .. 'peers:' .. me)) do
                if not held[peer] then leaveAll(peer, me) end
              end
              -- A membership Redis has and this instance does not hold is a join that ran while its answer was lost
              -- with the connection. Its client was told the join failed, so the peer leaves (and hears of it, if it
              -- got its joined).
              for i = 6, 5 + count do
                local peer = ARGV[i]
                for _, room in ipairs(redis.call('SMEMBERS', P .. 'rooms:' .. peer)) do
                  if not held[peer][room] then
                    leaveOne(room, peer)
                    publish(me, 'gone', { enc(peer) }, gone(room, peer))
                  end
                end
                if redis.call('SCARD', P .. 'rooms:' .. peer) == 0 then
                  redis.call('SREM', P .. 'peers:' .. me, peer)
                end
              end
              for i = first, last, 5 do
                local room, peer, member, handle, kind = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
                local present = redis.call('HGET', P .. 'room:' .. room, peer)
                local taken = handle ~= '' and redis.call('HGET', P .. 'handles:' .. room, handle)
                if present or not taken or taken == peer then
                  local new = not present and isNew(room)
                  add(room, peer, member, handle, me)
                  if new then setKind(room, kind) end
                  if not present and not isDir(room) then
                    fanout(room, peer, '{"t":"peer-joined","room":' .. enc(room) .. ',"peer":' .. member .. '}')
                  end
                  publish(me, 'view', { enc(peer) }, joined(room, peer, 'null'))
                else
                  -- another peer took the handle meanwhile: this membership cannot come back
                  publish(me, 'gone', { enc(peer) }, gone(room, peer))
                end
              end
              return ack('RESYNCED')
            end
            return redis.error_reply('unknown operation ' .. tostring(op))
            """;

    /** The script for one key prefix: its source, and the digest Redis knows it by. */
    record Script(String source, String sha1) {
    }

    /** The script with the default prefix (tests that speak to Redis as an instance would). */
    static final Script DEFAULT = withPrefix(RedisSettings.DEFAULT_KEY_PREFIX);

    private RoomScripts() {
    }

    /** The script whose keys and channels start with {@code prefix} (one {@link RedisSettings} accepts). */
    static Script withPrefix(String prefix) {
        String source = SOURCE.replace("%PREFIX%", prefix);
        return new Script(source, sha1(source));
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
