package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Table is one aggregate's table. Its columns are the aggregate's top-level
// JSON fields (or fields one object down, "verification.status") that a
// query filters, joins, counts or constrains; its lists of objects or ids
// live in child tables; what is left, the nested parts no query reads, is
// kept as JSON in the `data` column. The store writes and reads aggregates
// through their JSON form, so every table shares one save, one load and one
// version check, and the migration from the document table is the same
// code.
type Table struct {
	Name     string
	key      string   // primary key column
	cols     []Column // key first
	children []child
	// accounts are the columns holding an account id: erasure (Rewrite)
	// follows them, with the account ids of child tables.
	accounts []string

	once    sync.Once
	byName  map[string]Column
	sel     string // the columns' list in SELECT order
	insert  string
	rewrite string // update without a version check
	update  string
	version bool // has a version column: updates check it
}

// Column is one typed column of a table and the JSON field it holds.
type Column struct {
	name string
	path []string // JSON field, or field.subfield; none for a column the caller sets (Set)
	kind colKind
}

type colKind int

// Column kinds. An opt kind stores absent, null (and, for text, "") as NULL.
const (
	text colKind = iota
	optText
	integer
	optInteger
	boolean
	stamp
	optStamp
	optDate
	date
	real
	set // set by the caller, not part of the aggregate's JSON
)

// col is a column holding the JSON field of its name (or the path given).
func col(name string, k colKind, path ...string) Column {
	if k == set {
		return Column{name: name, kind: k}
	}
	if len(path) == 0 {
		path = []string{name}
	}
	return Column{name: name, path: path, kind: k}
}

// child is a JSON list of an aggregate kept in a table of its own, one row
// per element in order (pos). Two lists may share a table, told apart by
// a fixed column value (case notes and history).
type child struct {
	table  string
	parent string   // its column naming the aggregate
	field  string   // the aggregate's JSON list
	fixed  []string // column and value telling this list from another in the table
	cols   []Column // the elements' fields; one column named by path "" for a list of strings
}

func (tb *Table) prepare() {
	tb.once.Do(func() {
		tb.byName = map[string]Column{}
		names := make([]string, len(tb.cols))
		for i, c := range tb.cols {
			tb.byName[c.name] = c
			names[i] = c.name
			tb.version = tb.version || c.name == "version"
		}
		tb.sel = strings.Join(names, ", ") + ", data"
		ph := make([]string, len(names)+1)
		for i := range ph {
			ph[i] = "$" + strconv.Itoa(i+1)
		}
		tb.insert = "INSERT INTO " + tb.Name + " (" + tb.sel + ") VALUES (" + strings.Join(ph, ", ") + ")"
		sets := make([]string, 0, len(names))
		for i, n := range names[1:] {
			sets = append(sets, n+" = $"+strconv.Itoa(i+2))
		}
		sets = append(sets, "data = $"+strconv.Itoa(len(names)+1))
		tb.rewrite = "UPDATE " + tb.Name + " SET " + strings.Join(sets, ", ") + " WHERE " + tb.key + " = $1"
		tb.update = tb.rewrite + " AND version = $" + strconv.Itoa(len(names)+2)
	})
}

// has reports whether the table (or one of its child tables, for Has) has
// the column.
func (tb *Table) has(name string) bool {
	tb.prepare()
	_, ok := tb.byName[name]
	return ok
}

// SetCol is a value for a column the caller sets (one not in the JSON).
type SetCol struct {
	Col   string
	Value any
}

// Save writes an aggregate: a version of 1 (or a table without versions)
// inserts it, a later version replaces the stored one only if that one is
// exactly one less (else ErrConflict). Its child lists are written again.
func (t *Tx) Save(ctx context.Context, tb *Table, v any, extra ...SetCol) error {
	m, err := toMap(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", tb.Name, err)
	}
	for _, e := range extra {
		m[e.Col] = e.Value
	}
	return t.store(ctx, tb, m, versioned)
}

// writeMode says how store writes an aggregate.
type writeMode int

const (
	versioned writeMode = iota // insert version 1, else update the version before it (Save)
	inPlace                    // update keeping the version (Rewrite)
	insert                     // insert whatever the version (the migration from documents)
)

// store writes the aggregate m.
func (t *Tx) store(ctx context.Context, tb *Table, m map[string]any, mode writeMode) error {
	tb.prepare()
	lists := make(map[string]any, len(tb.children))
	for _, ch := range tb.children {
		lists[ch.field] = m[ch.field]
		delete(m, ch.field)
	}
	args, id, version, err := t.values(tb, m)
	if err != nil {
		return err
	}
	fresh := mode == insert || mode == versioned && (!tb.version || version <= 1)
	switch {
	case mode == inPlace:
		res, err := t.exec(ctx, tb.rewrite, args...)
		if err != nil {
			return fmt.Errorf("rewrite %s %s: %w", tb.Name, id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("rewrite %s %s: %w", tb.Name, id, ErrNotFound)
		}
	case fresh:
		if _, err := t.exec(ctx, tb.insert, args...); err != nil {
			return fmt.Errorf("insert %s %s: %w", tb.Name, id, err)
		}
	default:
		res, err := t.exec(ctx, tb.update, append(args, version-1)...)
		if err != nil {
			return fmt.Errorf("update %s %s: %w", tb.Name, id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("update %s %s: %w", tb.Name, id, ErrConflict)
		}
	}
	return t.writeChildren(ctx, tb, id, lists, fresh)
}

// values takes the columns' values out of m (what remains is data) and
// returns them in column order, data last, with the key and the version.
func (t *Tx) values(tb *Table, m map[string]any) (args []any, id string, version int64, err error) {
	args = make([]any, 0, len(tb.cols)+1)
	for _, c := range tb.cols {
		var raw any
		if c.kind == set {
			raw = m[c.name]
			delete(m, c.name)
		} else {
			raw = takePath(m, c.path)
		}
		v, err := t.toSQL(c, raw)
		if err != nil {
			return nil, "", 0, fmt.Errorf("%s.%s: %w", tb.Name, c.name, err)
		}
		args = append(args, v)
		switch c.name {
		case tb.key:
			id, _ = v.(string)
		case "version":
			version, _ = v.(int64)
		}
	}
	if id == "" {
		return nil, "", 0, fmt.Errorf("%s: no %s", tb.Name, tb.key)
	}
	var data any // SQL NULL when nothing is left
	if len(m) > 0 {
		b, err := json.Marshal(m)
		if err != nil {
			return nil, "", 0, fmt.Errorf("%s %s: %w", tb.Name, id, err)
		}
		data = string(b)
	}
	return append(args, data), id, version, nil
}

// writeChildren replaces the child rows of aggregate id with its lists;
// fresh says the aggregate was just inserted, so there are none to delete.
func (t *Tx) writeChildren(ctx context.Context, tb *Table, id string, lists map[string]any, fresh bool) error {
	for _, ch := range tb.children {
		where, wargs := ch.parent+" = $1", []any{id}
		if len(ch.fixed) == 2 {
			where += " AND " + ch.fixed[0] + " = $2"
			wargs = append(wargs, ch.fixed[1])
		}
		if !fresh {
			if _, err := t.exec(ctx, "DELETE FROM "+ch.table+" WHERE "+where, wargs...); err != nil {
				return fmt.Errorf("clear %s of %s: %w", ch.table, id, err)
			}
		}
		items, _ := lists[ch.field].([]any)
		if len(items) == 0 {
			continue
		}
		names := []string{ch.parent, "pos"}
		if len(ch.fixed) == 2 {
			names = append(names, ch.fixed[0])
		}
		for _, c := range ch.cols {
			names = append(names, c.name)
		}
		args := make([]any, 0, len(items)*len(names))
		rows := make([]string, 0, len(items))
		for pos, it := range items {
			ph := make([]string, 0, len(names))
			add := func(v any) {
				args = append(args, v)
				ph = append(ph, "$"+strconv.Itoa(len(args)))
			}
			add(id)
			add(int64(pos))
			if len(ch.fixed) == 2 {
				add(ch.fixed[1])
			}
			for _, c := range ch.cols {
				var raw any
				if c.path[0] == "" {
					raw = it
				} else if obj, ok := it.(map[string]any); ok {
					raw = takePath(obj, c.path)
				}
				v, err := t.toSQL(c, raw)
				if err != nil {
					return fmt.Errorf("%s.%s: %w", ch.table, c.name, err)
				}
				add(v)
			}
			rows = append(rows, "("+strings.Join(ph, ", ")+")")
		}
		if _, err := t.exec(ctx, "INSERT INTO "+ch.table+" ("+strings.Join(names, ", ")+") VALUES "+strings.Join(rows, ", "), args...); err != nil {
			return fmt.Errorf("write %s of %s: %w", ch.table, id, err)
		}
	}
	return nil
}

// toMap is the JSON object of v, numbers kept exact.
func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeObject(b)
}

func decodeObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// takePath removes and returns the value at path in m (nil if absent).
func takePath(m map[string]any, path []string) any {
	if len(path) == 2 {
		inner, _ := m[path[0]].(map[string]any)
		if inner == nil {
			return nil
		}
		v := inner[path[1]]
		delete(inner, path[1])
		return v
	}
	v := m[path[0]]
	delete(m, path[0])
	return v
}

// putPath sets the value at path in m.
func putPath(m map[string]any, path []string, v any) {
	if len(path) == 2 {
		inner, _ := m[path[0]].(map[string]any)
		if inner == nil {
			inner = map[string]any{}
			m[path[0]] = inner
		}
		inner[path[1]] = v
		return
	}
	m[path[0]] = v
}

// The SQLite form of times and dates: UTC, fixed width, so that text order
// is time order and SQLite's date functions read them.
const (
	sqliteTime = "2006-01-02 15:04:05.000000"
	dateOnly   = "2006-01-02"
)

// toSQL converts a JSON value to the column's SQL value on this engine.
func (t *Tx) toSQL(c Column, raw any) (any, error) {
	if raw == nil {
		switch c.kind {
		case optText, optInteger, optStamp, optDate, set:
			return nil, nil
		case text:
			return "", nil
		case boolean:
			return false, nil
		case integer:
			return int64(0), nil
		}
		return nil, errors.New("missing")
	}
	switch c.kind {
	case text, optText, set:
		s, ok := raw.(string)
		if !ok {
			return nil, fmt.Errorf("not text: %v", raw)
		}
		if s == "" && c.kind == optText {
			return nil, nil
		}
		return s, nil
	case integer, optInteger:
		n, ok := raw.(json.Number)
		if !ok {
			return nil, fmt.Errorf("not a number: %v", raw)
		}
		return n.Int64()
	case real:
		n, ok := raw.(json.Number)
		if !ok {
			return nil, fmt.Errorf("not a number: %v", raw)
		}
		return n.Float64()
	case boolean:
		b, ok := raw.(bool)
		if !ok {
			return nil, fmt.Errorf("not a boolean: %v", raw)
		}
		return b, nil
	case stamp, optStamp:
		s, _ := raw.(string)
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("not a time: %v", raw)
		}
		return t.stampArg(at), nil
	case date, optDate:
		s, _ := raw.(string)
		if s == "" && c.kind == optDate {
			return nil, nil
		}
		if _, err := time.Parse(dateOnly, s); err != nil {
			return nil, fmt.Errorf("not a date: %v", raw)
		}
		return s, nil
	}
	return nil, fmt.Errorf("column kind %d", c.kind)
}

// stampArg is a time as this engine stores it: timestamptz on PostgreSQL,
// fixed-width UTC text on SQLite.
func (t *Tx) stampArg(at time.Time) any {
	if t.engine == Postgres {
		return at.UTC()
	}
	return at.UTC().Format(sqliteTime)
}

// fromSQL converts a scanned column value back to its JSON value (nil for
// NULL).
func fromSQL(c Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch c.kind {
	case text, optText, set:
		return v, nil
	case integer, optInteger:
		switch n := v.(type) {
		case int64:
			return json.Number(strconv.FormatInt(n, 10)), nil
		case int32:
			return json.Number(strconv.FormatInt(int64(n), 10)), nil
		}
	case real:
		if f, ok := v.(float64); ok {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		}
	case boolean:
		switch b := v.(type) {
		case bool:
			return b, nil
		case int64:
			return b != 0, nil
		}
	case stamp, optStamp:
		switch at := v.(type) {
		case time.Time:
			return at.UTC().Format(time.RFC3339Nano), nil
		case string:
			p, err := time.Parse(sqliteTime, at)
			if err != nil {
				return nil, fmt.Errorf("%s: not a time: %q", c.name, at)
			}
			return p.Format(time.RFC3339Nano), nil
		}
	case date, optDate:
		switch d := v.(type) {
		case time.Time:
			return d.Format(dateOnly), nil
		case string:
			return d, nil
		}
	}
	return nil, fmt.Errorf("%s: unexpected %T", c.name, v)
}

// Load reads the aggregate with this key into dst, locking its row in a
// write transaction on PostgreSQL; ErrNotFound when no row matches (also
// when a condition in where does not hold).
func (t *Tx) Load(ctx context.Context, tb *Table, id string, dst any, where ...Cond) error {
	q := Q{Where: append([]Cond{Eq(tb.key, id)}, where...), Limit: 1, lock: true}
	objs, err := t.find(ctx, tb, q)
	if err != nil {
		return err
	}
	if len(objs) == 0 {
		return fmt.Errorf("%s %s: %w", tb.Name, id, ErrNotFound)
	}
	if err := json.Unmarshal(objs[0], dst); err != nil {
		return fmt.Errorf("decode %s %s: %w", tb.Name, id, err)
	}
	return nil
}

// Find returns the aggregates of a table matching q, decoded into T.
func Find[T any](ctx context.Context, t *Tx, tb *Table, q Q) ([]T, error) {
	objs, err := t.find(ctx, tb, q)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(objs))
	for i, o := range objs {
		if err := json.Unmarshal(o, &out[i]); err != nil {
			return nil, fmt.Errorf("decode %s: %w", tb.Name, err)
		}
	}
	return out, nil
}

// Count returns how many rows of a table match every condition.
func (t *Tx) Count(ctx context.Context, tb *Table, where ...Cond) (int, error) {
	w, args, err := t.where(tb, Q{Where: where})
	if err != nil {
		return 0, err
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+tb.Name+w, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", tb.Name, err)
	}
	return n, nil
}

// find selects the rows of q and assembles each aggregate's JSON.
func (t *Tx) find(ctx context.Context, tb *Table, q Q) ([]json.RawMessage, error) {
	tb.prepare()
	w, args, err := t.where(tb, q)
	if err != nil {
		return nil, err
	}
	order := q.OrderBy
	if order == "" {
		order = tb.key
	}
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	query := "SELECT " + tb.sel + " FROM " + tb.Name + w + " ORDER BY " + order + dir
	if order != tb.key {
		query += ", " + tb.key + dir
	}
	if q.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(q.Limit)
	}
	if q.lock {
		query += t.forUpdate()
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", tb.Name, err)
	}
	var objs []map[string]any
	var keys []string
	vals := make([]any, len(tb.cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find %s: %w", tb.Name, err)
		}
		m, err := assemble(tb, vals)
		if err != nil {
			rows.Close()
			return nil, err
		}
		objs = append(objs, m)
		keys = append(keys, fmt.Sprint(vals[0]))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find %s: %w", tb.Name, err)
	}
	if err := t.readChildren(ctx, tb, keys, objs); err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, len(objs))
	for i, m := range objs {
		b, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", tb.Name, err)
		}
		out[i] = b
	}
	return out, nil
}

// assemble rebuilds an aggregate's JSON object from its row: data, then
// each column put back at its path.
func assemble(tb *Table, vals []any) (map[string]any, error) {
	m := map[string]any{}
	if d := vals[len(vals)-1]; d != nil {
		var b []byte
		switch x := d.(type) {
		case string:
			b = []byte(x)
		case []byte:
			b = x
		default:
			return nil, fmt.Errorf("%s.data: unexpected %T", tb.Name, d)
		}
		var err error
		if m, err = decodeObject(b); err != nil {
			return nil, fmt.Errorf("%s.data: %w", tb.Name, err)
		}
	}
	for i, c := range tb.cols {
		v, err := fromSQL(c, vals[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tb.Name, err)
		}
		if v == nil {
			continue
		}
		if c.kind == set {
			m[c.name] = v
			continue
		}
		putPath(m, c.path, v)
	}
	return m, nil
}

// readChildren fills the child lists of the aggregates objs (keys in the
// same order), one query per child table.
func (t *Tx) readChildren(ctx context.Context, tb *Table, keys []string, objs []map[string]any) error {
	if len(keys) == 0 {
		return nil
	}
	index := make(map[string]map[string]any, len(keys))
	for i, k := range keys {
		index[k] = objs[i]
		for _, ch := range tb.children {
			objs[i][ch.field] = []any{}
		}
	}
	done := map[string]bool{}
	for _, ch := range tb.children {
		if done[ch.table] {
			continue
		}
		done[ch.table] = true
		var group []child // every list kept in this table
		for _, c := range tb.children {
			if c.table == ch.table {
				group = append(group, c)
			}
		}
		names := []string{ch.parent}
		if len(ch.fixed) == 2 {
			names = append(names, ch.fixed[0])
		} else {
			names = append(names, "''")
		}
		for _, c := range ch.cols {
			names = append(names, c.name)
		}
		ph := make([]string, len(keys))
		args := make([]any, len(keys))
		for i, k := range keys {
			ph[i], args[i] = "$"+strconv.Itoa(i+1), k
		}
		rows, err := t.query(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+ch.table+" WHERE "+ch.parent+
			" IN ("+strings.Join(ph, ", ")+") ORDER BY "+ch.parent+", pos", args...)
		if err != nil {
			return fmt.Errorf("read %s: %w", ch.table, err)
		}
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("read %s: %w", ch.table, err)
			}
			parent := index[fmt.Sprint(vals[0])]
			fixed := fmt.Sprint(vals[1])
			if b, ok := vals[1].([]byte); ok {
				fixed = string(b)
			}
			for _, g := range group {
				if len(g.fixed) == 2 && g.fixed[1] != fixed {
					continue
				}
				var item any
				if g.cols[0].path[0] == "" {
					if item, err = fromSQL(g.cols[0], vals[2]); err != nil {
						rows.Close()
						return err
					}
				} else {
					obj := map[string]any{}
					for i, c := range g.cols {
						v, err := fromSQL(c, vals[i+2])
						if err != nil {
							rows.Close()
							return err
						}
						if v != nil {
							putPath(obj, c.path, v)
						}
					}
					item = obj
				}
				parent[g.field] = append(parent[g.field].([]any), item)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s: %w", ch.table, err)
		}
	}
	return nil
}

// Q is a query of one table: conditions on its columns, an order (the key
// unless OrderBy names a column) and a keyset page: the rows after the row
// whose key is After, in that order.
type Q struct {
	Where   []Cond
	OrderBy string
	Desc    bool
	After   string
	Limit   int
	lock    bool // FOR UPDATE (Load)
}

// Cond is one condition on a table's columns, made by Eq, In, AnyOf,
// Since, Before or Has. Its text holds ? where its arguments go.
type Cond struct {
	text  string
	cols  []string
	child string // Has: the child table
	args  []any
}

// Eq holds when the column equals v.
func Eq(col string, v any) Cond { return Cond{text: col + " = ?", cols: []string{col}, args: []any{v}} }

// In holds when the column is one of vs (never, for none).
func In[S ~string](col string, vs ...S) Cond {
	if len(vs) == 0 {
		return Cond{text: "1 = 0", cols: []string{col}}
	}
	args := make([]any, len(vs))
	for i, v := range vs {
		args[i] = string(v)
	}
	return Cond{text: col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(vs)), ", ") + ")", cols: []string{col}, args: args}
}

// AnyOf holds when any of the columns equals v.
func AnyOf(v any, cols ...string) Cond {
	parts := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		parts[i], args[i] = c+" = ?", v
	}
	return Cond{text: "(" + strings.Join(parts, " OR ") + ")", cols: cols, args: args}
}

// Since holds when the time column is at or after at.
func Since(col string, at time.Time) Cond {
	return Cond{text: col + " >= ?", cols: []string{col}, args: []any{stampValue(at)}}
}

// Before holds when the time column is before at.
func Before(col string, at time.Time) Cond {
	return Cond{text: col + " < ?", cols: []string{col}, args: []any{stampValue(at)}}
}

// Has holds when a row of the child table names the aggregate and has col
// equal to v (a case whose related accounts include one).
func Has(childTable, col string, v any) Cond {
	return Cond{text: col + " = ?", child: childTable, cols: []string{col}, args: []any{v}}
}

// stampValue marks a time argument, converted to the engine's form when
// the query is built.
type stampValue time.Time

// where builds the WHERE clause (with the page's keyset condition) and its
// arguments, checking every column against the table.
func (t *Tx) where(tb *Table, q Q) (string, []any, error) {
	tb.prepare()
	var sb strings.Builder
	var args []any
	arg := func(v any) string {
		if s, ok := v.(stampValue); ok {
			v = t.stampArg(time.Time(s))
		}
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	conds := q.Where
	// {C} in a condition compares text byte by byte, as the indexes made
	// for prefix search do (SQLite's default; PostgreSQL's "C" collation).
	collate := ""
	if t.engine == Postgres {
		collate = ` COLLATE "C"`
	}
	for i, c := range conds {
		text := strings.ReplaceAll(c.text, "{C}", collate)
		if c.child != "" {
			ch := tb.childTable(c.child)
			if ch == nil || !slices.ContainsFunc(ch.cols, func(x Column) bool { return x.name == c.cols[0] }) {
				return "", nil, fmt.Errorf("%s has no child table %s with %s", tb.Name, c.child, c.cols[0])
			}
			text = tb.key + " IN (SELECT " + ch.parent + " FROM " + ch.table + " WHERE " + text + ")"
		} else {
			for _, col := range c.cols {
				if !tb.has(col) {
					return "", nil, fmt.Errorf("%s has no column %s", tb.Name, col)
				}
			}
		}
		if i == 0 {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		for _, a := range c.args {
			k := strings.IndexByte(text, '?')
			sb.WriteString(text[:k])
			sb.WriteString(arg(a))
			text = text[k+1:]
		}
		sb.WriteString(text)
	}
	if q.OrderBy != "" && !tb.has(q.OrderBy) {
		return "", nil, fmt.Errorf("%s has no column %s", tb.Name, q.OrderBy)
	}
	if q.After != "" {
		if len(conds) == 0 {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		op := " > "
		if q.Desc {
			op = " < "
		}
		if q.OrderBy == "" {
			sb.WriteString(tb.key + op + arg(q.After))
		} else {
			p := arg(q.After)
			sb.WriteString("(" + q.OrderBy + ", " + tb.key + ")" + op + "(SELECT " + q.OrderBy + ", " + tb.key +
				" FROM " + tb.Name + " WHERE " + tb.key + " = " + p + ")")
		}
	}
	return sb.String(), args, nil
}

func (tb *Table) childTable(name string) *child {
	for i := range tb.children {
		if tb.children[i].table == name {
			return &tb.children[i]
		}
	}
	return nil
}

// IsNull holds when the column is NULL (an optional value not set).
func IsNull(col string) Cond { return Cond{text: col + " IS NULL", cols: []string{col}} }
