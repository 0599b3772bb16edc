package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	name  string
	path  []string // JSON field, or field.subfield; none for a column the caller sets (Set)
	kind  colKind
	since int64 // the migration that added it, when later than the table
}

// Since marks a column that migration v added to its table: a migration
// before v that writes through the table (moveDocs) leaves the field in the
// JSON, where migration v finds it.
func (c Column) Since(v int64) Column {
	c.since = v
	return c
}

// asOf is the table as migration v left it, without the columns later
// migrations added.
func (tb *Table) asOf(v int64) *Table {
	var cols []Column
	for _, c := range tb.cols {
		if c.since <= v {
			cols = append(cols, c)
		}
	}
	if len(cols) == len(tb.cols) {
		return tb
	}
	return &Table{Name: tb.Name, key: tb.key, cols: cols, children: tb.children, accounts: tb.accounts}
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

// scanStamp reads a time column's scanned value on either engine.
func scanStamp(v any) (time.Time, error) {
	s, err := fromSQL(col("at", stamp), v)
	if err != nil {
		return time.Time{}, err
	}
	str, _ := s.(string)
	return time.Parse(time.RFC3339Nano, str)
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
