package main

import "syscall"

// childAttr makes the server under test die with the harness, so that a
// harness killed mid-run (or whose output pipe closed) leaves no server behind.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }
